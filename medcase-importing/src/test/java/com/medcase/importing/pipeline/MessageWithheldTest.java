package com.medcase.importing.pipeline;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class MessageWithheldTest {

    @Test
    void keepsEveryTypeAndFrameDownTheCausesAndNoMessage() {
        RuntimeException cause = new IllegalStateException("patient DOE^JANE refused");
        RuntimeException failure = new RuntimeException("could not file OBX|1|ED|DOE^JANE", cause);

        MessageWithheld logged = MessageWithheld.of(failure);

        String printed = printed(logged);
        assertThat(printed).doesNotContain("DOE").doesNotContain("JANE").doesNotContain("OBX")
                .contains("java.lang.RuntimeException").contains("java.lang.IllegalStateException");
        assertThat(logged.getStackTrace()).containsExactly(failure.getStackTrace());
        assertThat(logged.getCause().getStackTrace()).containsExactly(cause.getStackTrace());
        assertThat(logged.getCause().getCause()).isNull();
    }

    @Test
    void aHelpfulNullPointerMessageIsWithheldToo() {
        // the JDK's helpful NPE message names expressions, but a future JDK or a library may put data there
        NullPointerException npe = new NullPointerException("Cannot invoke \"String.length()\" because \"name\" is null");

        assertThat(printed(MessageWithheld.of(npe))).contains("java.lang.NullPointerException").doesNotContain("String.length");
    }

    @Test
    void aCycleOfCausesEnds() {
        Exception a = new Exception("a");
        Exception b = new Exception("b", a);
        a.initCause(b);

        Throwable t = MessageWithheld.of(a);
        int depth = 0;
        while (t != null) {
            depth++;
            t = t.getCause();
        }
        assertThat(depth).isLessThanOrEqualTo(17);
    }

    private static String printed(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
