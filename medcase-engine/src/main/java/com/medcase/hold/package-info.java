/**
 * Legal holds: several per item, scope-based or explicit, created and released only by legal hold
 * administrators with a stated reason; an item stays held while any active hold contains it.
 * Every operation returns the items whose held state changed, which the repository binding
 * turns into {@code sys:undeletable} and ACL changes.
 */
package com.medcase.hold;
