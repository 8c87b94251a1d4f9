package com.medcase.importing.pipeline;

/**
 * A failure's stack without its messages, for the log. The messages of parser, repository and database exceptions
 * may quote the document they failed on (a patient's name, a report line), so the import routes log only exception
 * types; without the frames, though, a fault such as a {@code NullPointerException} in a crash takeover could not be
 * traced (issue 11: seen once in a full run, with nothing to go on). This copy keeps each exception's type and frames,
 * down its causes, and drops every message.
 */
public final class MessageWithheld extends RuntimeException {

    private static final int MAX_CAUSES = 16;

    private MessageWithheld(Throwable original, int depth) {
        super(original.getClass().getName() + " (message withheld: it may quote the document)",
                original.getCause() == null || original.getCause() == original || depth >= MAX_CAUSES ? null
                        : new MessageWithheld(original.getCause(), depth + 1),
                false, true);
        setStackTrace(original.getStackTrace());
    }

    /** The throwable to pass to the logger as the last argument: the types and frames of {@code e} and its causes. */
    public static MessageWithheld of(Throwable e) {
        return new MessageWithheld(e, 0);
    }
}
