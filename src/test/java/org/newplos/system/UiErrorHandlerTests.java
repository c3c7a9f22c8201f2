package org.newplos.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.newplos.common.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;

class UiErrorHandlerTests {

    final UiErrorHandler handler = new UiErrorHandler();

    @Test
    void anUnexpectedErrorIsAFriendly500PageWithTheRequestId() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/members");
        request.setAttribute(RequestIdFilter.ATTRIBUTE, "abc123def4567890");
        var page = handler.unexpected(request, new IllegalStateException("boom"));
        assertThat(page.getStatus()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(page.getViewName()).isEqualTo("error/page");
        assertThat(page.getModel())
                .containsEntry("requestId", "abc123def4567890")
                .containsEntry("status", 500)
                .doesNotContainValue("boom");
    }

    @Test
    void anHtmxRequestGetsOnlyTheMessageFragment() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/members/9");
        request.addHeader("HX-Request", "true");
        var page = handler.notFound(request, new NotFoundException("member", 9));
        assertThat(page.getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(page.getViewName()).isEqualTo("error/page :: content");
    }
}
