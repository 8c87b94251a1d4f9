package com.medcase.service.bench;

import com.medcase.service.MedCaseApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The service as the benches run it: the embedded default in a new temporary home, a random HTTP port, warnings
 * only, and one records manager, {@code bench}, signing in with the given password.
 */
record BenchService(ConfigurableApplicationContext context, Path home) {

    static BenchService start(String homePrefix, String password, String... moreArguments) throws Exception {
        // exec:java runs the benches of several modules in one Maven JVM: DriverManager may have been initialised
        // from another bench's class loader, so register this class loader's H2 driver explicitly.
        Class.forName("org.h2.Driver", true, BenchService.class.getClassLoader());
        Path home = Files.createTempDirectory(homePrefix);
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0", "--medcase.home=" + home, "--spring.main.banner-mode=off", "--logging.level.root=WARN",
                "--medcase.security.users[0].name=bench",
                "--medcase.security.users[0].password-hash=" + new BCryptPasswordEncoder(4).encode(password),
                "--medcase.security.users[0].roles[0]=RECORDS_MANAGER"));
        arguments.addAll(List.of(moreArguments));
        return new BenchService(SpringApplication.run(MedCaseApplication.class, arguments.toArray(String[]::new)), home);
    }

    int httpPort() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }
}
