package dev.scratchnet.web;

import java.time.Duration;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

import dev.scratchnet.storage.ScratchnetProperties;

/**
 * Runs the connector on {@link HeaderDeadlineProtocol}, so that a client trickling its request line and headers is
 * disconnected scratchnet.limits.header-time after their first byte. The body has its own limit (RequestBodyLimit).
 */
@Component
class HeaderDeadline implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final Duration headerTime;

    HeaderDeadline(ScratchnetProperties properties) {
        this.headerTime = properties.limits().headerTime();
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.setProtocol(HeaderDeadlineProtocol.class.getName());
        factory.addProtocolHandlerCustomizers(handler -> {
            if (handler instanceof HeaderDeadlineProtocol protocol) {
                protocol.setHeaderTime(headerTime);
            }
        });
    }
}
