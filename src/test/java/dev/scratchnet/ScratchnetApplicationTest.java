package dev.scratchnet;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest
class ScratchnetApplicationTest {

    @Test
    void contextLoads() {
    }
}
