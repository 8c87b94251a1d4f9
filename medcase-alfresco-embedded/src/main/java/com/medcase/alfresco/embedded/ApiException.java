package com.medcase.alfresco.embedded;

/** An error answered in ACS's error body shape with the status ACS's exception mapping gives. */
final class ApiException extends RuntimeException {
    final int status;
    final String errorKey;

    ApiException(int status, String errorKey, String message) {
        super(message, null, false, false);
        this.status = status;
        this.errorKey = errorKey;
    }

    /** InvalidArgumentException / IllegalArgumentException -> 400 */
    static ApiException badRequest(String msg) { return new ApiException(400, "framework.exception.InvalidArgument", msg); }
    /** AuthenticationException -> 401 */
    static ApiException unauthorized(String msg) { return new ApiException(401, "framework.exception.ApiDefault", msg); }
    /** PermissionDeniedException / AccessDeniedException -> 403 */
    static ApiException forbidden(String msg) { return new ApiException(403, "framework.exception.PermissionDenied", msg); }
    /** EntityNotFoundException -> 404 */
    static ApiException notFound(String id) { return new ApiException(404, "framework.exception.EntityNotFound", "The entity with id: " + id + " was not found"); }
    static ApiException notFoundMsg(String msg) { return new ApiException(404, "framework.exception.NotFound", msg); }
    /** UnsupportedResourceOperationException -> 405 */
    static ApiException notAllowed(String msg) { return new ApiException(405, "framework.exception.UnsupportedResourceOperation", msg); }
    /** ConstraintViolatedException / DuplicateChildNodeNameException -> 409 */
    static ApiException conflict(String msg) { return new ApiException(409, "framework.exception.ConstraintViolated", msg); }
    /** IntegrityException -> 422 */
    static ApiException integrity(String msg) { return new ApiException(422, "framework.exception.ApiDefault", msg); }
}
