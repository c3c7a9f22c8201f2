package org.newplos.notifications;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.jspecify.annotations.Nullable;
import org.newplos.billing.InvoiceFiles;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.dao.DataAccessException;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Email over SMTP: one message to one address, multipart text and HTML ({@link MailTemplates}), the invoice
 * or credit note PDF attached to theirs, from the location's sender. Its {@code Message-ID} is
 * {@code <outbox-ID@sender's domain>} on every attempt, so a repeat after a crash is recognisable.
 *
 * <p>What an attempt comes to: a template or data error, or an address the server refuses for good (a 5xx
 * for the recipient), is dead at once; an unreachable server, a timeout or a 4xx fails and is tried again;
 * with no SMTP server configured the message is kept (nothing is lost; staff send it again once SMTP is set
 * up).
 */
@Component
class MailChannel implements Channel {

    static final String KEPT = "no SMTP server configured: kept here, send it again once SMTP is set up";

    private final MailServer server;
    private final MailTemplates templates;
    private final InvoiceFiles invoiceFiles;

    MailChannel(MailServer server, MailTemplates templates, InvoiceFiles invoiceFiles) {
        this.server = server;
        this.templates = templates;
        this.invoiceFiles = invoiceFiles;
    }

    @Override
    public Kind kind() {
        return Kind.EMAIL;
    }

    /** The email of a message as it would be sent (the admin UI's view of a message). */
    RenderedMail render(Message message) {
        return templates.render(message);
    }

    @Override
    public Delivery send(Message message) {
        RenderedMail mail;
        try {
            mail = templates.render(message);
        } catch (MailTemplates.RenderException e) {
            return Delivery.dead(e.getMessage());
        }
        if (!server.configured()) {
            return Delivery.kept(KEPT);
        }
        MimeMessage mime;
        try {
            mime = mime(message, mail);
        } catch (DataAccessException e) {
            return Delivery.failed(null, "cannot read the invoice for its PDF: " + e.getMessage());
        } catch (MessagingException | UnsupportedEncodingException | RuntimeException e) {
            return Delivery.dead("cannot build the email: " + e.getMessage());
        }
        try {
            server.send(mime);
            return Delivery.sent(250, "accepted by " + server.description() + " as " + mail.messageId());
        } catch (MessagingException | MailException e) {
            return outcome(e);
        }
    }

    private MimeMessage mime(Message message, RenderedMail mail)
            throws MessagingException, UnsupportedEncodingException {
        MimeMessage mime = server.newMessage(mail.messageId());
        MimeMessageHelper helper = new MimeMessageHelper(mime, MimeMessageHelper.MULTIPART_MODE_MIXED, "UTF-8");
        helper.setFrom(new InternetAddress(mail.fromAddress(), mail.fromName(), "UTF-8"));
        helper.setTo(mail.to());
        helper.setSubject(mail.subject());
        helper.setText(mail.text(), mail.html());
        if (!mail.attachments().isEmpty()) {
            InvoiceFiles.InvoiceFile file = invoiceFiles.pdf(message.subjectId());
            helper.addAttachment(file.fileName(), new ByteArrayResource(file.content()), "application/pdf");
        }
        mime.setHeader("X-Newplos-Message-Id", String.valueOf(message.id()));
        mime.setHeader("Auto-Submitted", "auto-generated");
        return mime;
    }

    /**
     * A failed send: dead if the server refused the address for good (JavaMail lists a recipient refused with
     * a 5xx as invalid, one refused with a 4xx as valid but unsent), else worth another attempt.
     */
    private static Delivery outcome(Exception e) {
        Throwable cause = e;
        if (e instanceof MailSendException send && !send.getFailedMessages().isEmpty()) {
            cause = send.getFailedMessages().values().iterator().next();
        }
        for (Throwable t = cause; t != null; t = next(t)) {
            if (t instanceof AuthenticationFailedException || t instanceof MailAuthenticationException) {
                return Delivery.failed(
                        null, "the SMTP server refused the sign-in (check the user and password): " + oneLine(t));
            }
            if (t instanceof SendFailedException refused && present(refused.getInvalidAddresses())) {
                return Delivery.dead(
                        "the SMTP server refused " + join(refused.getInvalidAddresses()) + ": " + reply(refused));
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return Delivery.failed(null, "cannot reach the SMTP server: " + t);
            }
            if (t instanceof SocketTimeoutException) {
                return Delivery.failed(null, "the SMTP server did not answer in time: " + t);
            }
        }
        return Delivery.failed(replyCode(cause), "the SMTP server did not take it: " + reply(cause));
    }

    /** The server's reply in the chain (e.g. {@code 550 5.1.1 User unknown}), else the first message. */
    private static String reply(Throwable e) {
        for (Throwable t = e; t != null; t = next(t)) {
            if (replyCode(t) != null) {
                return oneLine(t);
            }
        }
        return oneLine(e);
    }

    private static @Nullable Integer replyCode(Throwable t) {
        String message = t.getMessage();
        return message != null && message.strip().matches("^[2-5]\\d\\d[ -].*")
                ? Integer.valueOf(message.strip().substring(0, 3))
                : null;
    }

    private static boolean present(Address @Nullable [] addresses) {
        return addresses != null && addresses.length > 0;
    }

    private static String join(Address[] addresses) {
        return String.join(
                ", ", java.util.Arrays.stream(addresses).map(Address::toString).toList());
    }

    private static @Nullable Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t) {
            return m.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    private static String oneLine(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.strip().replaceAll("\\s+", " ");
    }
}
