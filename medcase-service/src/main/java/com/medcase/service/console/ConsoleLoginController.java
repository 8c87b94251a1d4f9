package com.medcase.service.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's sign-in page in the console's style and language (Spring Security processes the POST). */
@Controller
class ConsoleLoginController {

    @GetMapping("/login")
    String login() {
        return "console/login";
    }
}
