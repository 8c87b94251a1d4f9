/** Authentication (configured users with bcrypt hashes and a generated admin, or ACS tickets) and least-privilege rules per MedCase role. */
package com.medcase.service.security;
