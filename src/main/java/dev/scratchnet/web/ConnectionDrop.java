package dev.scratchnet.web;

import java.io.IOException;

import jakarta.servlet.ServletException;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.stereotype.Component;

/**
 * Closes the connection of a request that {@link RequestBodyLimit} refused instead of letting Tomcat read the rest of
 * its body (up to server.tomcat.max-swallow-size) to keep the connection alive. A servlet filter cannot reach
 * Tomcat's request; this valve, around the whole filter chain, can. Tomcat does the same for an aborted upload.
 */
@Component
class ConnectionDrop implements TomcatContextCustomizer {

    @Override
    public void customize(Context context) {
        context.getPipeline().addValve(new ValveBase(true) {
            @Override
            public void invoke(Request request, Response response) throws IOException, ServletException {
                getNext().invoke(request, response);
                if (request.getAttribute(RequestBodyLimit.DROP_CONNECTION) != null) {
                    if (!response.isCommitted()) {
                        response.setHeader("Connection", "close");
                    }
                    // Write the whole answer, last chunk included, before the connection is cut: a client must read
                    // the refusal, not a truncated body.
                    response.finishResponse();
                    request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
                    // Stopping the input counts as an error in Tomcat; the problem+json already written reports it,
                    // so the host's error page (Boot's /error) must not replace it.
                    response.getCoyoteResponse().setErrorReported();
                }
            }
        });
    }
}
