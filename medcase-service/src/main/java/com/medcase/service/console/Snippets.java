package com.medcase.service.console;

import org.springframework.stereotype.Component;

/** Templates call {@code @snippets.html(hit.snippet())}: escaped text with only the highlight marks as HTML. */
@Component("snippets")
public class Snippets {
    public String html(String snippet) {
        return ConsoleSearchController.snippetHtml(snippet);
    }
}
