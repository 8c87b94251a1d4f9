package com.medcase.hold;

import java.util.Set;

/**
 * Items whose held state changed: {@code nowHeld} were free and are now frozen; {@code nowFree}
 * lost their last active hold. Items still held by another hold appear in neither.
 */
public record HeldStateChange(String holdId, Set<String> nowHeld, Set<String> nowFree) {
    public HeldStateChange {
        nowHeld = Set.copyOf(nowHeld);
        nowFree = Set.copyOf(nowFree);
    }
}
