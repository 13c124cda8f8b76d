package io.commandcenter.validation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * No request body may be larger than {@link Limits#BODY_BYTES}: a declared larger length is answered
 * 413 problem+json before anything reads it; a body that grows past the limit while read (chunked)
 * fails with {@link BodyTooLargeException}, which ApiExceptionHandler answers 413 too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class RequestSizeFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > Limits.BODY_BYTES) {
            tooLarge(response);
            return;
        }
        chain.doFilter(declared >= 0 ? request : new Limited(request), response);
    }

    static void tooLarge(HttpServletResponse response) throws IOException {
        response.setStatus(413);
        response.setContentType("application/problem+json");
        response.setHeader("Connection", "close");
        response.getOutputStream().write(("{\"type\":\"https://commandcenter.io/problems/body-too-large\","
                + "\"title\":\"Content Too Large\",\"status\":413,\"detail\":\"The request body is larger than "
                + Limits.BODY_BYTES + " bytes\",\"invalidParams\":[{\"field\":\"body\",\"message\":\"at most "
                + Limits.BODY_BYTES + " bytes\"}]}").getBytes(StandardCharsets.UTF_8));
    }

    private static final class Limited extends HttpServletRequestWrapper {

        private ServletInputStream stream;

        Limited(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream());
            }
            return stream;
        }
    }

    private static final class Counting extends ServletInputStream {

        private final ServletInputStream in;
        private long count;

        Counting(ServletInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(int n) throws IOException {
            count += n;
            if (count > Limits.BODY_BYTES) {
                throw new BodyTooLargeException();
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
