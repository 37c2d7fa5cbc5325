package dev.scratchnet.web;

import java.util.ArrayList;
import java.util.List;

import org.apache.tomcat.util.http.fileupload.impl.FileCountLimitExceededException;
import org.apache.tomcat.util.http.fileupload.impl.FileSizeLimitExceededException;
import org.apache.tomcat.util.http.fileupload.impl.SizeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.scratchnet.storage.StorageFullException;
import dev.scratchnet.storage.StorageSpace;

/**
 * The one place exceptions become HTTP responses, all {@code application/problem+json}: feature exceptions that
 * extend {@code ErrorResponseException}, Spring MVC's own (bean validation, missing parts, upload size), and a
 * last-resort 500 that logs the stack trace instead of sending it.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ex.getBody().setProperty(InvalidField.PROPERTY, List.of(InvalidField.of(ex.getParameterName())));
        return super.handleMissingServletRequestParameter(ex, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestPart(MissingServletRequestPartException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ex.getBody().setProperty(InvalidField.PROPERTY, List.of(InvalidField.of(ex.getRequestPartName())));
        return super.handleMissingServletRequestPart(ex, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemDetail body = createProblemDetail(ex, status, ex.getPropertyName() + " must be "
                + (ex.getRequiredType() == null ? "of another type" : "a " + ex.getRequiredType().getSimpleName())
                + ", found '" + ex.getValue() + "'", null, null, request);
        body.setProperty(InvalidField.PROPERTY, List.of(InvalidField.of(ex.getPropertyName(), ex.getValue())));
        return handleExceptionInternal(ex, body, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidField> fields = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            fields.add(new InvalidField(error.getField(), error.getRejectedValue(), allowed(error)));
            messages.add(error.getField() + " " + error.getDefaultMessage());
        }
        ex.getBindingResult().getGlobalErrors().forEach(error -> messages.add(error.getDefaultMessage()));
        ex.getBody().setDetail(String.join("; ", messages));
        ex.getBody().setProperty(InvalidField.PROPERTY, fields);
        return super.handleMethodArgumentNotValid(ex, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidField> fields = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                fields.add(new InvalidField(name, result.getArgument(), allowed(error)));
                messages.add(name + " " + error.getDefaultMessage());
            }
        });
        ex.getBody().setDetail(String.join("; ", messages));
        ex.getBody().setProperty(InvalidField.PROPERTY, fields);
        return super.handleHandlerMethodValidationException(ex, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // A body cut off for its size or slowness inside a field reaches here wrapped as a JSON error: it is not one.
        RequestBodyLimit.BodyRefusedException refusal = RequestBodyLimit.refusalIn(ex);
        if (refusal != null) {
            return handleExceptionInternal(refusal, refusal.getBody(), headers, refusal.getStatusCode(), request);
        }
        return handleExceptionInternal(ex, JsonProblems.of(ex), headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ex.getBody().setDetail(uploadLimitDetail(ex));
        return super.handleMaxUploadSizeExceededException(ex, headers, status, request);
    }

    /**
     * Which multipart limit was passed. Spring reports every one as an upload size of unknown limit; Tomcat's
     * exception, further down the causes, knows which and how much.
     */
    private static String uploadLimitDetail(MaxUploadSizeExceededException ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof FileCountLimitExceededException count) {
                return "The multipart request has more than the limit of " + count.getLimit() + " parts";
            }
            if (cause instanceof FileSizeLimitExceededException file) {
                return "The file in part " + file.getFieldName() + " is larger than the limit of "
                        + file.getPermittedSize() + " bytes";
            }
            if (cause instanceof SizeException size) {
                // Tomcat raises the same exception for one part's header block, and says so only in its message.
                boolean header = size.getMessage() != null && size.getMessage().startsWith("Header section");
                return (header ? "The headers of a part are" : "The upload is") + " larger than the limit of "
                        + size.getPermittedSize() + " bytes";
            }
        }
        long limit = ex.getMaxUploadSize();
        return limit > 0 ? "The upload is larger than the limit of " + limit + " bytes"
                : "The upload is larger than the limit";
    }

    /**
     * A body that is not valid multipart: the client's fault; unless the server could not store the parts for a full
     * disk, a 507.
     */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Object> handleMultipart(MultipartException ex, WebRequest request) {
        if (StorageSpace.isNoSpace(ex)) {
            return storageFull(ex, request);
        }
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The multipart request could not be read: " + ex.getMessage());
        return handleExceptionInternal(ex, body, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    /** Anything no other handler knows: a bug. The client gets a problem without internals; the log gets the trace. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
        if (StorageSpace.isNoSpace(ex)) {
            return storageFull(ex, request);
        }
        ResponseStatus annotated = AnnotatedElementUtils.findMergedAnnotation(ex.getClass(), ResponseStatus.class);
        HttpStatus status = annotated != null ? annotated.code() : HttpStatus.INTERNAL_SERVER_ERROR;
        if (status.is5xxServerError()) {
            log.error("Unexpected error on {}", request.getDescription(false), ex);
        }
        String detail = annotated != null && !annotated.reason().isEmpty() ? annotated.reason()
                : status.is5xxServerError() ? "Unexpected error; the server log has the details" : ex.getMessage();
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        return handleExceptionInternal(ex, body, new HttpHeaders(), status, request);
    }

    /** Any write that found the disk full, wherever it was: a 507 saying so, the log saying where. */
    private ResponseEntity<Object> storageFull(Exception ex, WebRequest request) {
        log.warn("Storage full on {}: {}", request.getDescription(false), ex.getMessage());
        StorageFullException full = StorageFullException.noSpace(ex);
        return handleExceptionInternal(full, full.getBody(), new HttpHeaders(), full.getStatusCode(), request);
    }

    private static List<String> allowed(MessageSourceResolvable error) {
        return error.getDefaultMessage() == null ? null : List.of(error.getDefaultMessage());
    }
}
