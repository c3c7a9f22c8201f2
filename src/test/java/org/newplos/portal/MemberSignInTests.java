package org.newplos.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newplos.IntegrationTest;
import org.newplos.members.Member;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Member sign-in end to end, with a real SMTP server in the test (GreenMail): the link arrives and signs the
 * member in; expired, used and unknown links all get one identical answer; an unknown address gets the same
 * answer as a member's and no email; the per-address and per-client limits; a member who left gets nothing; an
 * email change happens only through the link sent to the new address; staff never see the link.
 */
@IntegrationTest
@Import(PortalFixtures.class)
class MemberSignInTests {

    private static final Pattern LINK = Pattern.compile("(https?://[^\\s\"<]+)?/portal/sign-in/([A-Za-z0-9_-]{43})");
    private static final Pattern CSRF = Pattern.compile("(?:name=\"_csrf\" value=\"|&quot;: &quot;)([^\"&]+)");
    private static final AtomicInteger CLIENTS = new AtomicInteger();
    private static GreenMail greenMail;

    @Autowired
    MockMvc mvc;

    @Autowired
    PortalFixtures fixtures;

    @Autowired
    MemberSignIn signIn;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Privacy privacy;

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        startSmtp();
        registry.add(
                "newplos.mail.smtp-url",
                () -> "smtp://127.0.0.1:" + greenMail.getSmtp().getPort());
        registry.add("newplos.mail.from", () -> "desk@newplos.test");
    }

    static synchronized void startSmtp() {
        if (greenMail == null) {
            greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());
            greenMail.start();
        }
    }

    @AfterAll
    static void stop() {
        greenMail.stop();
        greenMail = null;
    }

    @BeforeEach
    void emptyMailboxes() throws Exception {
        greenMail.purgeEmailFromAllMailboxes();
    }

    @Test
    void aMemberSignsInWithTheLinkFromTheirEmail() throws Exception {
        Member member = fixtures.member("Lina Link");
        RequestPostProcessor client = client();

        MockHttpServletResponse asked = requestLink(member.email(), client);
        assertThat(asked.getStatus()).isEqualTo(302);
        assertThat(asked.getRedirectedUrl()).isEqualTo("/portal/sign-in?sent");

        String token = tokenFromMail(member.email());
        MockHttpServletResponse confirm = mvc.perform(
                        get("/portal/sign-in/" + token).with(client))
                .andReturn()
                .getResponse();
        assertThat(confirm.getStatus()).isEqualTo(200);
        assertThat(confirm.getContentAsString()).contains("Sign in");
        // opening the page (a mail scanner prefetching it) does not use the link
        assertThat(usedAt(token)).isNull();

        MvcResult used = mvc.perform(withSession(
                        post("/portal/sign-in/" + token).with(client).with(csrf()), confirm))
                .andReturn();
        assertThat(used.getResponse().getStatus()).isEqualTo(302);
        assertThat(used.getResponse().getRedirectedUrl()).isEqualTo("/portal");
        jakarta.servlet.http.Cookie signedIn = used.getResponse().getCookie("SESSION");
        assertThat(signedIn).as("a session cookie").isNotNull();
        assertThat(signedIn.getValue()).as("a new session id").isNotEqualTo(sessionBefore(confirm));
        String home = mvc.perform(get("/portal").cookie(signedIn))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(home).contains("Welcome");
        // the session is findable by its member (how erasure ends a member's sessions)
        assertThat(jdbc.sql("SELECT count(*) FROM spring_session WHERE principal_name = :name")
                        .param("name", "member:" + member.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(usedAt(token)).isNotNull();
        assertThat(jdbc.sql("SELECT count(*) FROM member_sign_ins WHERE member_id = :id AND method = 'LINK'")
                        .param("id", member.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        // only the hash is stored
        assertThat(jdbc.sql("SELECT count(*) FROM member_sign_in_links WHERE encode(token_hash, 'escape') LIKE :t")
                        .param("t", "%" + token + "%")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void erasingAMemberEndsTheirSessions() throws Exception {
        Member member = fixtures.member("Sven Session");
        RequestPostProcessor client = client();
        requestLink(member.email(), client);
        jakarta.servlet.http.Cookie session =
                useLink(tokenFromMail(member.email()), client).getCookie("SESSION");
        assertThat(mvc.perform(get("/portal").cookie(session))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);

        fixtures.setStatus(member.id(), "LEFT");
        privacy.erase(member.id());

        assertThat(jdbc.sql("SELECT count(*) FROM spring_session WHERE principal_name = :name")
                        .param("name", "member:" + member.id())
                        .query(Long.class)
                        .single())
                .isZero();
        MockHttpServletResponse after =
                mvc.perform(get("/portal").cookie(session)).andReturn().getResponse();
        assertThat(after.getStatus()).isEqualTo(302);
        assertThat(after.getRedirectedUrl()).endsWith("/portal/sign-in");
    }

    @Test
    void expiredUsedAndUnknownLinksGetOneIdenticalAnswer() throws Exception {
        Member member = fixtures.member("Ulla Unusable");
        RequestPostProcessor client = client();
        // a link asked for an hour ago has expired (15 minutes)
        signIn.requestLink(
                member.email(), "10.9.9.9", "http://localhost", Instant.now().minus(Duration.ofHours(1)));
        String expired = tokenFromMail(member.email());
        greenMail.purgeEmailFromAllMailboxes();
        requestLink(member.email(), client);
        String valid = tokenFromMail(member.email());
        assertThat(useLink(valid, client).getStatus()).isEqualTo(302);

        MockHttpServletResponse usedAgain = useLink(valid, client);
        MockHttpServletResponse tooLate = useLink(expired, client);
        MockHttpServletResponse unknown = useLink("A".repeat(43), client);
        MockHttpServletResponse malformed = useLink("not-a-token", client);

        for (MockHttpServletResponse answer : List.of(usedAgain, tooLate, unknown, malformed)) {
            assertThat(answer.getStatus()).isEqualTo(400);
            assertThat(withoutCsrf(answer.getContentAsString()))
                    .isEqualTo(withoutCsrf(usedAgain.getContentAsString()))
                    .contains("This link cannot be used")
                    .doesNotContain("expired on", member.email(), member.fullName());
        }
    }

    @Test
    void anUnknownAddressGetsTheSameAnswerAndNoEmail() throws Exception {
        Member member = fixtures.member("Kim Known");
        MockHttpServletResponse known = requestLink(member.email(), client());
        MockHttpServletResponse unknown = requestLink("nobody-" + System.nanoTime() + "@example.com", client());

        assertThat(unknown.getStatus()).isEqualTo(known.getStatus());
        assertThat(unknown.getRedirectedUrl()).isEqualTo(known.getRedirectedUrl());
        assertThat(unknown.getContentAsString()).isEqualTo(known.getContentAsString());
        greenMail.waitForIncomingEmail(5000, 1);
        Thread.sleep(300);
        assertThat(Arrays.stream(greenMail.getReceivedMessages())
                        .map(MemberSignInTests::recipient)
                        .toList())
                .containsExactly(member.email());
    }

    @Test
    void linksAreLimitedPerAddressAndPerClient() throws Exception {
        Member member = fixtures.member("Rita Rate");
        RequestPostProcessor client = client();
        for (int i = 0; i < 5; i++) {
            assertThat(requestLink(member.email(), i < 3 ? client : client()).getRedirectedUrl())
                    .isEqualTo("/portal/sign-in?sent");
        }
        greenMail.waitForIncomingEmail(5000, 3);
        Thread.sleep(300);
        assertThat(greenMail.getReceivedMessages()).hasSize(3);

        RequestPostProcessor busy = client();
        for (int i = 0; i < 12; i++) {
            requestLink(fixtures.member("Busy " + i).email(), busy);
        }
        assertThat(jdbc.sql("SELECT outcome, count(*) FROM member_sign_in_requests WHERE client = :c GROUP BY outcome")
                        .param("c", clientAddress(busy))
                        .query((rs, n) -> rs.getString(1) + "=" + rs.getLong(2))
                        .list())
                .containsExactlyInAnyOrder("SENT=10", "LIMITED=2");
    }

    @Test
    void aMemberWhoLeftGetsNoLinkAndCannotUseOneSentBefore() throws Exception {
        Member member = fixtures.member("Lars Left");
        RequestPostProcessor client = client();
        requestLink(member.email(), client);
        String before = tokenFromMail(member.email());
        fixtures.setStatus(member.id(), "LEFT");
        greenMail.purgeEmailFromAllMailboxes();

        assertThat(requestLink(member.email(), client).getRedirectedUrl()).isEqualTo("/portal/sign-in?sent");
        assertThat(useLink(before, client).getStatus()).isEqualTo(400);
        Thread.sleep(500);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void anEmailChangeHappensOnlyThroughTheLinkSentToTheNewAddress() throws Exception {
        Member member = fixtures.member("Erik Email");
        String newAddress = "erik-" + System.nanoTime() + "@new.example.com";
        RequestPostProcessor client = client();

        MockHttpServletResponse asked = mvc.perform(post("/portal/details/email")
                        .with(PortalFixtures.as(member))
                        .with(client)
                        .with(csrf())
                        .param("email", newAddress))
                .andReturn()
                .getResponse();
        assertThat(asked.getRedirectedUrl()).isEqualTo("/portal/details?confirm-email");
        String token = tokenFromMail(newAddress);
        assertThat(email(member.id())).isEqualTo(member.email());

        assertThat(useLink(token, client).getStatus()).isEqualTo(302);
        assertThat(email(member.id())).isEqualTo(newAddress);
        assertThat(useLink(token, client).getStatus()).isEqualTo(400);
    }

    @Test
    void staffNeverSeeTheLinkAndTheOutboxForgetsItOnceSent() throws Exception {
        Member member = fixtures.member("Sara Secret");
        requestLink(member.email(), client());
        String token = tokenFromMail(member.email());
        long id = jdbc.sql("SELECT id FROM outbox WHERE member_id = :m AND event_type = 'portal.sign_in_link'")
                .param("m", member.id())
                .query(Long.class)
                .single();
        for (int i = 0; i < 50 && !"SENT".equals(status(id)); i++) {
            Thread.sleep(100);
        }
        assertThat(status(id)).isEqualTo("SENT");
        assertThat(jdbc.sql("SELECT payload::text FROM outbox WHERE id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .doesNotContain(token)
                .contains("hidden");
        for (String page : List.of("/outbox/" + id, "/outbox/" + id + "/html")) {
            String body = mvc.perform(get(page).with(user("admin@newplos.test").roles("ADMIN")))
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            assertThat(body).doesNotContain(token);
        }
        // never sent again by staff
        assertThat(mvc.perform(post("/outbox/" + id + "/retry")
                                .with(user("admin@newplos.test").roles("ADMIN"))
                                .with(csrf()))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(409);
        // not offered to webhooks
        String types = mvc.perform(get("/api/v1/webhook-event-types")
                        .with(user("admin@newplos.test").roles("ADMIN")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(types).doesNotContain("portal.sign_in_link");
    }

    // ---- helpers ----

    private MockHttpServletResponse requestLink(String email, RequestPostProcessor client) throws Exception {
        return mvc.perform(post("/portal/sign-in").with(client).with(csrf()).param("email", email))
                .andReturn()
                .getResponse();
    }

    private MockHttpServletResponse useLink(String token, RequestPostProcessor client) throws Exception {
        return mvc.perform(post("/portal/sign-in/" + token).with(client).with(csrf()))
                .andReturn()
                .getResponse();
    }

    private static RequestPostProcessor client() {
        String address = "10.77." + (CLIENTS.incrementAndGet() / 250) + "." + (CLIENTS.get() % 250 + 1) + "-"
                + System.nanoTime() % 100000;
        return new ClientAddress(address);
    }

    private static String clientAddress(RequestPostProcessor client) {
        return ((ClientAddress) client).address();
    }

    private record ClientAddress(String address) implements RequestPostProcessor {
        @Override
        public org.springframework.mock.web.MockHttpServletRequest postProcessRequest(
                org.springframework.mock.web.MockHttpServletRequest request) {
            request.setRemoteAddr(address);
            return request;
        }
    }

    private String tokenFromMail(String to) throws Exception {
        for (int i = 0; i < 100; i++) {
            for (MimeMessage message : greenMail.getReceivedMessages()) {
                if (recipient(message).equalsIgnoreCase(to)) {
                    Matcher m = LINK.matcher(text(message));
                    assertThat(m.find()).as("a link in the email").isTrue();
                    return m.group(2);
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no email to " + to);
    }

    static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                String text = text(multipart.getBodyPart(i));
                if (!text.isEmpty()) {
                    return text;
                }
            }
        }
        return "";
    }

    private Object usedAt(String token) {
        return jdbc.sql("SELECT used_at FROM member_sign_in_links WHERE token_hash = :h")
                .param("h", MemberSignIn.hash(token))
                .query((rs, n) -> rs.getObject(1))
                .optional()
                .orElse(null);
    }

    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder withSession(
            org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
            MockHttpServletResponse before) {
        jakarta.servlet.http.Cookie cookie = before.getCookie("SESSION");
        return cookie == null ? request : request.cookie(cookie);
    }

    private static String sessionBefore(MockHttpServletResponse response) {
        jakarta.servlet.http.Cookie cookie = response.getCookie("SESSION");
        return cookie == null ? "" : cookie.getValue();
    }

    private String email(long memberId) {
        return jdbc.sql("SELECT email FROM members WHERE id = :id")
                .param("id", memberId)
                .query(String.class)
                .single();
    }

    private String status(long id) {
        return jdbc.sql("SELECT status FROM outbox WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }

    /** The page with its CSRF token (in the forms and in htmx's headers) blanked out. */
    private static String withoutCsrf(String html) {
        Matcher m = CSRF.matcher(html);
        return m.find() ? html.replace(m.group(1), "…") : html;
    }
}
