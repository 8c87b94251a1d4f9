/** The server-rendered records and admin console. */
package com.medcase.service.console;
