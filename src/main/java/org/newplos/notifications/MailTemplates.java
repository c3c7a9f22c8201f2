package org.newplos.notifications;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.newplos.locations.Location;
import org.newplos.locations.Locations;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.exceptions.TemplateProcessingException;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

/**
 * Renders the email of a message: a subject per event type, and a text and an HTML body from
 * {@code templates/mail/<type>.txt} and {@code .html} (the HTML ones inside {@code layout.html}). The model is
 * the message's payload ({@code p}), {@link MailFormat} ({@code fmt}), the location's name, the greeting name
 * and the space. From: the location's sender, else {@code newplos.mail.from}. Its own template engine: the
 * web one (HTML pages under {@code templates/}) stays Spring Boot's.
 */
@Component
class MailTemplates {

    private final Locations locations;
    private final MailSettings settings;
    private final TemplateEngine engine;

    MailTemplates(Locations locations, MailSettings settings) {
        this.locations = locations;
        this.settings = settings;
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(MailTemplates.class.getClassLoader());
        resolver.setPrefix("templates/mail/");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setTextTemplateModePatterns(Set.of("*.txt"));
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCheckExistence(true);
        resolver.setCacheable(true);
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        engine.setEnableSpringELCompiler(true);
        this.engine = engine;
    }

    /** A template or its data does not make an email (dead with this reason: retrying changes nothing). */
    static final class RenderException extends RuntimeException {
        RenderException(String message) {
            super(message);
        }

        RenderException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The email of a message as it is sent (also how the admin UI shows a message). */
    RenderedMail render(Message message) {
        try {
            return renderOrThrow(message);
        } catch (RenderException e) {
            throw new RenderException("cannot render the " + message.eventType() + " email: " + e.getMessage(), e);
        } catch (TemplateProcessingException e) {
            throw new RenderException(
                    "cannot render the " + message.eventType() + " email: template error: " + e.getMessage(), e);
        }
    }

    /** The template's base name: {@code reminder.invoice_overdue} is {@code reminder-invoice-overdue}. */
    static String templateName(EventType type) {
        return type.wire().replace('.', '-').replace('_', '-');
    }

    private RenderedMail renderOrThrow(Message message) {
        EventType type = EventType.of(message.eventType())
                .filter(EventType::emailed)
                .orElseThrow(() -> new RenderException("no email is sent for this event type"));
        String to = message.recipient();
        if (to == null || !MailAddresses.valid(to.strip())) {
            throw new RenderException("'" + to + "' is not an email address");
        }
        Map<String, @Nullable Object> payload = payload(message.payload());
        MailFormat fmt = new MailFormat(payload);
        Location location = message.locationId() == null
                ? null
                : locations.find(message.locationId()).orElse(null);
        String locationName = location == null ? settings.fromName() : location.name();
        String fromAddress =
                location != null && location.senderEmail() != null ? location.senderEmail() : settings.from();
        String fromName =
                location != null && location.senderName() != null ? location.senderName() : settings.fromName();
        boolean lease = type == EventType.LEASE_BOOKED
                || type == EventType.LEASE_ENDED
                || type == EventType.LEASE_CANCELLED
                || type == EventType.LEASE_ENDING
                || type == EventType.BOOKING_CONFIRMED
                || type == EventType.BOOKING_CANCELLED;
        String space =
                !lease ? "" : payload.get("spaceName") != null ? fmt.required("spaceName") : fmt.required("spaceCode");
        Object person = payload.get("memberName") != null ? payload.get("memberName") : payload.get("billingName");
        String subject = subject(type, fmt, space, locationName);

        Context context = new Context(java.util.Locale.ENGLISH);
        context.setVariable("p", payload);
        context.setVariable("fmt", fmt);
        context.setVariable("subject", subject);
        context.setVariable("locationName", locationName);
        context.setVariable("space", space);
        context.setVariable("name", person == null || person.toString().isBlank() ? null : person.toString());
        context.setVariable("fromAddress", fromAddress);
        String name = templateName(type);
        String text = engine.process(name + ".txt", context);
        String html = engine.process(name + ".html", context);
        List<String> attachments = type == EventType.INVOICE_ISSUED || type == EventType.CREDIT_NOTE_ISSUED
                ? List.of(fmt.required("number") + ".pdf")
                : List.of();
        String messageId = "<outbox-" + message.id() + "@" + MailAddresses.domain(fromAddress) + ">";
        return new RenderedMail(subject, fromAddress, fromName, to.strip(), messageId, text, html, attachments);
    }

    private static String subject(EventType type, MailFormat fmt, String space, String locationName) {
        return switch (type) {
            case LEASE_BOOKED ->
                "Your lease of " + space + " at " + locationName + " starts on " + fmt.shortDate(fmt.required("start"));
            case LEASE_ENDED -> "Your lease of " + space + " ends on " + fmt.shortDate(fmt.required("lastDay"));
            case LEASE_CANCELLED -> "Your lease of " + space + " at " + locationName + " was cancelled";
            case INVOICE_ISSUED -> "Invoice " + fmt.required("number") + " from " + locationName;
            case CREDIT_NOTE_ISSUED -> "Credit note " + fmt.required("number") + " from " + locationName;
            case PAYMENT_RECEIVED ->
                "Thank you: we received your payment of " + fmt.money(fmt.required("amount"), fmt.required("currency"));
            case LEASE_ENDING ->
                "Reminder: your lease of " + space + " ends on " + fmt.shortDate(fmt.required("lastDay"));
            case INVOICE_OVERDUE ->
                "Reminder: invoice " + fmt.required("number") + " from " + locationName + " is overdue";
            case BOOKING_CONFIRMED ->
                "Booked: " + space + " on " + fmt.shortDate(fmt.required("day")) + ", " + fmt.required("from") + "–"
                        + fmt.required("until");
            case BOOKING_CANCELLED ->
                "Cancelled: " + space + " on " + fmt.shortDate(fmt.required("day")) + ", " + fmt.required("from") + "–"
                        + fmt.required("until");
            case PORTAL_LINK ->
                "EMAIL_CHANGE".equals(fmt.required("purpose"))
                        ? "Confirm your new email address for " + locationName
                        : "Your sign-in link for " + locationName;
            default -> throw new RenderException("no email is sent for this event type");
        };
    }

    private static Map<String, @Nullable Object> payload(String json) {
        try {
            Map<String, @Nullable Object> data =
                    DomainEvents.JSON.readValue(json, new TypeReference<LinkedHashMap<String, @Nullable Object>>() {});
            if (data == null) {
                throw new RenderException("the payload is empty");
            }
            return data;
        } catch (JacksonException e) {
            throw new RenderException("the payload is not a JSON object");
        }
    }
}
