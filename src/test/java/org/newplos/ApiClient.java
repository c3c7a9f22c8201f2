package org.newplos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import com.jayway.jsonpath.JsonPath;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Small helpers for API tests: JSON requests as a user with a given role. */
public final class ApiClient {

    private final MockMvcTester mvc;
    private final String role;

    private ApiClient(MockMvcTester mvc, String role) {
        this.mvc = mvc;
        this.role = role;
    }

    public static ApiClient as(MockMvcTester mvc, String role) {
        return new ApiClient(mvc, role);
    }

    public MvcTestResult get(String uri) {
        return mvc.get()
                .uri(uri)
                .with(user("test-" + role.toLowerCase()).roles(role))
                .exchange();
    }

    public MvcTestResult post(String uri, String json) {
        return mvc.post()
                .uri(uri)
                .with(user("test-" + role.toLowerCase()).roles(role))
                .contentType(MediaType.APPLICATION_JSON)
                .content(json)
                .exchange();
    }

    public MvcTestResult put(String uri, String json) {
        return mvc.put()
                .uri(uri)
                .with(user("test-" + role.toLowerCase()).roles(role))
                .contentType(MediaType.APPLICATION_JSON)
                .content(json)
                .exchange();
    }

    public MvcTestResult delete(String uri) {
        return mvc.delete()
                .uri(uri)
                .with(user("test-" + role.toLowerCase()).roles(role))
                .exchange();
    }

    /** Creates a record and returns its id, failing the test if creation did not answer 201. */
    public long create(String uri, String json) {
        MvcTestResult result = post(uri, json);
        assertThat(result).as("POST %s %s", uri, json).hasStatus(201);
        return idOf(result);
    }

    /** The "id" of the JSON object a request answered with. */
    public static long idOf(MvcTestResult result) {
        return JsonPath.<Number>read(body(result), "$.id").longValue();
    }

    public static String body(MvcTestResult result) {
        try {
            return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
