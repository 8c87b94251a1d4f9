/** Legal holds over REST; the engine decides held state, the enforcer freezes or frees records in the repository. */
package com.medcase.service.hold;
