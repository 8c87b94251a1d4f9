/** Record metadata and content, decided by consent at request time and audited, with the Part 2 redisclosure notice. */
package com.medcase.service.records;
