package org.newplos.notifications;

import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.newplos.common.InvalidInputException;
import org.newplos.common.NotFoundException;
import org.newplos.common.PageRequest;
import org.newplos.common.QueryString;
import org.newplos.common.UiController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The outbox in the admin UI: every message (emails and webhook deliveries), filterable by channel, status
 * and type, newest first; each with its payload and attempts; dead and kept ones (and webhook deliveries
 * already sent) can be sent again.
 */
@UiController
@RequestMapping("/outbox")
class OutboxAdminController {

    private final Messages messages;
    private final Resending resending;
    private final MailChannel mail;

    OutboxAdminController(Messages messages, Resending resending, MailChannel mail) {
        this.messages = messages;
        this.resending = resending;
        this.mail = mail;
    }

    @GetMapping
    String list(
            @RequestParam(required = false) @Nullable String channel,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String type,
            @RequestParam(required = false) @Nullable Long before,
            @RequestHeader(name = "HX-Request", required = false) boolean htmx,
            Model model) {
        MessageFilter filter = new MessageFilter(
                parse(Channel.Kind.class, "channel", channel),
                parse(Message.Status.class, "status", status),
                type == null || type.isBlank() ? null : type,
                null,
                null);
        long cursor = before == null ? 0 : before;
        if (cursor < 0) {
            throw new InvalidInputException("before", "must be a message id");
        }
        model.addAttribute("page", messages.list(filter, cursor, PageRequest.DEFAULT_LIMIT));
        model.addAttribute("filter", filter);
        model.addAttribute("channels", Channel.Kind.values());
        model.addAttribute("statuses", Message.Status.values());
        model.addAttribute(
                "types", Arrays.stream(EventType.values()).map(EventType::wire).toList());
        model.addAttribute("backlog", messages.backlog());
        model.addAttribute("first", cursor == 0);
        model.addAttribute("next", (java.util.function.Function<Long, String>) after -> QueryString.of("/outbox")
                .with("channel", channel)
                .with("status", status)
                .with("type", type)
                .with("before", after)
                .toString());
        return htmx ? "notifications/outbox :: results" : "notifications/outbox";
    }

    @GetMapping("/{id}")
    String show(@PathVariable long id, Model model) {
        Message message = messages.get(id).forStaff();
        model.addAttribute("message", message);
        model.addAttribute("payload", pretty(message.payload()));
        model.addAttribute("attempts", messages.attempts(id));
        model.addAttribute("canResend", resending.canResend(message));
        if (message.channel() == Channel.Kind.EMAIL) {
            // Kept emails (no SMTP server) are read here; a template that cannot render says why.
            try {
                model.addAttribute("mail", mail.render(message));
            } catch (RuntimeException e) {
                model.addAttribute("mailError", e.getMessage());
            }
        }
        return "notifications/message";
    }

    /**
     * The HTML part of an email, as the member's mail program shows it: served alone, sandboxed (no scripts, no
     * requests, no forms), with the inline styles emails rely on.
     */
    @GetMapping(value = "/{id}/html", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> html(@PathVariable long id) {
        Message message = messages.get(id).forStaff();
        if (message.channel() != Channel.Kind.EMAIL) {
            throw new NotFoundException("email", id);
        }
        return ResponseEntity.ok()
                .header(
                        "Content-Security-Policy",
                        "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:")
                .body(mail.render(message).html());
    }

    @PostMapping("/{id}/retry")
    String retry(@PathVariable long id) {
        resending.resend(id);
        return "redirect:/outbox/" + id + "?resent";
    }

    private static <E extends Enum<E>> @Nullable E parse(Class<E> type, String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            List<String> known =
                    Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
            throw new InvalidInputException(field, "must be one of " + known);
        }
    }

    private static String pretty(String json) {
        return DomainEvents.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(DomainEvents.JSON.readTree(json));
    }
}
