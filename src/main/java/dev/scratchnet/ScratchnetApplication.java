package dev.scratchnet;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The scratchnet service: trains and serves the book's networks over REST. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ScratchnetApplication {

    public static void main(String[] args) {
        SpringApplication.run(ScratchnetApplication.class, args);
    }
}
