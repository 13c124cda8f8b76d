package io.commandcenter.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.commandcenter.validation.BodyTooLargeException;
import io.commandcenter.validation.InvalidParams;
import io.commandcenter.validation.Rejected;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.MethodValidationException;
import org.springframework.validation.method.MethodValidationResult;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns exceptions into RFC 9457 problem+json bodies with a stable {@code type} per problem.
 * Every feature throws its own {@link Rejected} subclasses, which say status, type and extra fields; this is the
 * one place that turns them into a response.
 * Every refused input is a 400 whose {@code invalidParams} lists {@code {field, message}} for each
 * bad field (docs/security.md), whatever found it: Jackson, Bean Validation or a type conversion.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    /** Every problem's type URI starts so; clients match on it. */
    static final String TYPE_BASE = "https://commandcenter.io/problems/";

    private static final URI VALIDATION = URI.create(TYPE_BASE + "validation");

    @ExceptionHandler(Rejected.class)
    ProblemDetail handleRejected(Rejected e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setType(URI.create(TYPE_BASE + e.type()));
        problem.setTitle(e.status().getReasonPhrase());
        e.properties().forEach(problem::setProperty);
        return problem;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail handleBadArgument(IllegalArgumentException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setType(URI.create(TYPE_BASE + "bad-request"));
        problem.setTitle("Bad request");
        return problem;
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail handleConstraintViolation(ConstraintViolationException e) {
        ProblemDetail problem = invalid("Invalid request");
        List<String> errors = e.getConstraintViolations().stream()
                .map(v -> v.getPropertyPath() + ": " + v.getMessage()).sorted().toList();
        problem.setProperty("errors", errors);
        InvalidParams params = new InvalidParams();
        e.getConstraintViolations().stream()
                .sorted((a, b) -> a.getPropertyPath().toString().compareTo(b.getPropertyPath().toString()))
                .forEach(v -> params.add(field(v), v.getMessage()));
        problem.setProperty(InvalidParams.PROPERTY, params.list());
        return problem;
    }

    /** A method-level path "update.arg0.name" names the field as "name"; "limit.arg0" as "arg0". */
    private static String field(ConstraintViolation<?> v) {
        List<Path.Node> nodes = new ArrayList<>();
        v.getPropertyPath().forEach(n -> {
            if (n.getKind() != jakarta.validation.ElementKind.METHOD && n.getName() != null) nodes.add(n);
        });
        if (nodes.size() > 1 && nodes.get(0).getKind() == jakarta.validation.ElementKind.PARAMETER) {
            nodes.remove(0);
        }
        StringBuilder out = new StringBuilder();
        for (Path.Node node : nodes) {
            if (out.length() > 0) out.append('.');
            out.append(node.getName());
            if (node.getIndex() != null) out.append('[').append(node.getIndex()).append(']');
        }
        return out.length() == 0 ? v.getPropertyPath().toString() : out.toString();
    }

    @ExceptionHandler(BodyTooLargeException.class)
    ProblemDetail handleTooLarge(BodyTooLargeException e) {
        return tooLarge(e.getMessage());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLargeException tooLarge) {
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLarge(tooLarge.getMessage()));
            }
        }
        InvalidParams params = new InvalidParams();
        String detail = "The request body could not be read";
        JacksonException jackson = cause(ex, JacksonException.class);
        if (jackson != null) {
            String path = path(jackson);
            String message;
            if (jackson instanceof UnrecognizedPropertyException unknown) {
                path = path.isEmpty() ? unknown.getPropertyName() : path;
                message = "unknown field";
            } else if (jackson instanceof InvalidNullException) {
                message = "required";
            } else if (jackson instanceof InvalidFormatException format && format.getTargetType() != null
                    && format.getTargetType().isEnum()) {
                message = "must be one of " + List.of(format.getTargetType().getEnumConstants());
            } else {
                message = clean(jackson.getOriginalMessage());
            }
            if (path.isEmpty() && jackson instanceof InvalidNullException missing && missing.getPropertyName() != null) {
                path = missing.getPropertyName().getSimpleName();
            }
            if (path.isEmpty()) {
                var named = java.util.regex.Pattern.compile("property '([A-Za-z0-9_]+)'")
                        .matcher(String.valueOf(jackson.getOriginalMessage()));
                if (named.find()) path = named.group(1);
            }
            params.add(path.isEmpty() ? "body" : path, message);
            detail = "Invalid field " + (path.isEmpty() ? "body" : path) + ": " + message;
        } else {
            params.add("body", "required, as JSON");
        }
        ProblemDetail problem = invalid(detail);
        problem.setProperty(InvalidParams.PROPERTY, params.list());
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        InvalidParams params = new InvalidParams();
        ex.getBindingResult().getFieldErrors().forEach(f -> params.add(f.getField(), message(f)));
        ex.getBindingResult().getGlobalErrors().forEach(g -> params.add(g.getObjectName(), g.getDefaultMessage()));
        return respond(params);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return respond(params(ex));
    }

    @Override
    protected ResponseEntity<Object> handleMethodValidationException(MethodValidationException ex, HttpHeaders headers,
                                                                     HttpStatus status, WebRequest request) {
        return respond(params(ex));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = ex.getPropertyName() == null ? "parameter" : ex.getPropertyName();
        Class<?> type = ex.getRequiredType();
        String message = type != null && type.isEnum() ? "must be one of " + List.of(type.getEnumConstants())
                : "must be " + (type == null ? "valid" : "a valid " + type.getSimpleName());
        return respond(new InvalidParams().add(name, message));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return respond(new InvalidParams().add(ex.getParameterName(), "required"));
    }

    private static InvalidParams params(MethodValidationResult result) {
        InvalidParams params = new InvalidParams();
        for (ParameterValidationResult r : result.getParameterValidationResults()) {
            String name = parameterName(r.getMethodParameter());
            if (r instanceof ParameterErrors errors) {
                errors.getFieldErrors().forEach(f -> params.add(f.getField(), message(f)));
                errors.getGlobalErrors().forEach(g -> params.add(name, g.getDefaultMessage()));
            } else {
                String at = r.getContainerIndex() != null ? name + "[" + r.getContainerIndex() + "]"
                        : r.getContainerKey() != null ? name + "[" + r.getContainerKey() + "]" : name;
                r.getResolvableErrors().forEach(e -> params.add(at, e.getDefaultMessage()));
            }
        }
        for (MessageSourceResolvable e : result.getCrossParameterValidationResults()) {
            params.add("parameters", e.getDefaultMessage());
        }
        return params;
    }

    private static String parameterName(MethodParameter p) {
        RequestParam param = p.getParameterAnnotation(RequestParam.class);
        if (param != null && !param.name().isEmpty()) return param.name();
        if (param != null && !param.value().isEmpty()) return param.value();
        PathVariable path = p.getParameterAnnotation(PathVariable.class);
        if (path != null && !path.value().isEmpty()) return path.value();
        RequestHeader header = p.getParameterAnnotation(RequestHeader.class);
        if (header != null && !header.name().isEmpty()) return header.name();
        String name = p.getParameterName();
        return name == null ? "parameter" + p.getParameterIndex() : name;
    }

    private static String message(FieldError f) {
        if (f.isBindingFailure()) {
            return "must be a valid value";
        }
        return f.getDefaultMessage();
    }

    private static ResponseEntity<Object> respond(InvalidParams params) {
        String detail = params.list().isEmpty() ? "Invalid request"
                : "Invalid " + String.join(", ", params.list().stream().map(p -> p.field()).distinct().toList());
        ProblemDetail problem = invalid(detail);
        problem.setProperty(InvalidParams.PROPERTY, params.list());
        return ResponseEntity.badRequest().body(problem);
    }

    private static ProblemDetail invalid(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setType(VALIDATION);
        problem.setTitle("Invalid request");
        return problem;
    }

    private static ProblemDetail tooLarge(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, detail);
        problem.setType(URI.create(TYPE_BASE + "body-too-large"));
        problem.setTitle("Content Too Large");
        problem.setProperty(InvalidParams.PROPERTY, List.of(Map.of("field", "body", "message", detail)));
        return problem;
    }

    private static <T extends Throwable> T cause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) return type.cast(c);
        }
        return null;
    }

    /** Jackson's path as {@code rows[2].priority}. */
    private static String path(JacksonException e) {
        StringBuilder out = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (out.length() > 0) out.append('.');
                out.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    /** Jackson's message without its hints on how to configure Jackson and without echoing huge input. */
    private static String clean(String message) {
        if (message == null) return "invalid value";
        String m = message;
        if (m.startsWith("Cannot map `null` into type")) return "required";
        int paren = m.indexOf(" (set ");
        if (paren < 0) paren = m.indexOf(" (enable ");
        if (paren > 0) m = m.substring(0, paren);
        int nl = m.indexOf('\n');
        if (nl > 0) m = m.substring(0, nl);
        m = m.replaceAll("[\\p{Cntrl}]", "?");
        return m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }
}
