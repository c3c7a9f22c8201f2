package org.newplos.notifications;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.newplos.billing.InvoiceFiles;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.dao.DataAccessException;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
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
        JavaMailSender sender = server.sender();
        if (sender == null) {
            return Delivery.kept(KEPT);
        }
        MimeMessage mime;
        try {
            mime = mime(sender, message, mail);
        } catch (DataAccessException e) {
            return Delivery.failed(null, "cannot read the invoice for its PDF: " + e.getMessage());
        } catch (MessagingException | UnsupportedEncodingException | RuntimeException e) {
            return Delivery.dead("cannot build the email: " + e.getMessage());
        }
        try {
            sender.send(mime);
            return Delivery.sent(250, "accepted by " + server.description() + " as " + mail.messageId());
        } catch (MailAuthenticationException e) {
            return Delivery.failed(
                    null, "the SMTP server refused the sign-in (check the user and password): " + e.getMessage());
        } catch (MailSendException e) {
            return outcome(e);
        } catch (MailException e) {
            return Delivery.failed(null, e.getMessage());
        }
    }

    private MimeMessage mime(JavaMailSender sender, Message message, RenderedMail mail)
            throws MessagingException, UnsupportedEncodingException {
        Session session =
                sender instanceof JavaMailSenderImpl impl ? impl.getSession() : Session.getInstance(new Properties());
        MimeMessage mime = new FixedIdMimeMessage(session, mail.messageId());
        boolean attach = !mail.attachments().isEmpty();
        MimeMessageHelper helper = new MimeMessageHelper(mime, MimeMessageHelper.MULTIPART_MODE_MIXED, "UTF-8");
        helper.setFrom(new InternetAddress(mail.fromAddress(), mail.fromName(), "UTF-8"));
        helper.setTo(mail.to());
        helper.setSubject(mail.subject());
        helper.setText(mail.text(), mail.html());
        if (attach) {
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
    private static Delivery outcome(MailSendException e) {
        Map<Object, Exception> failed = e.getFailedMessages();
        Exception cause = failed.isEmpty() ? e : failed.values().iterator().next();
        for (Throwable t = cause; t != null; t = next(t)) {
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
        Integer code = replyCode(cause);
        return Delivery.failed(code, "the SMTP server did not take it: " + reply(cause));
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

    /** A MIME message whose Message-ID stays the one given (JavaMail would make up a new one when saved). */
    private static final class FixedIdMimeMessage extends MimeMessage {

        private final String messageId;

        FixedIdMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
