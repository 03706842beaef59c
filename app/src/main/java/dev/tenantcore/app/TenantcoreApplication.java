package dev.tenantcore.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The runnable assembly: command side, query side and infrastructure in one process. */
@SpringBootApplication(scanBasePackages = "dev.tenantcore")
public class TenantcoreApplication {

    public static void main(String[] args) {
        SpringApplication.run(TenantcoreApplication.class, args);
    }
}
