/** The README's main job: demo cases, progress display, where to look. */
package com.medcase.service.quickstart;
