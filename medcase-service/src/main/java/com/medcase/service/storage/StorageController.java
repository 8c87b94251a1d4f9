package com.medcase.service.storage;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

import java.util.List;

/** The database files for administrators: {@code /api/admin/storage} and the console page {@code /console/storage}. */
@Controller
class StorageController {

    private final DatabaseFiles files;

    StorageController(DatabaseFiles files) {
        this.files = files;
    }

    @GetMapping("/api/admin/storage")
    @ResponseBody
    List<DatabaseFiles.DatabaseFile> files() {
        return files.files();
    }

    @GetMapping("/console/storage")
    String page(Model model, Authentication authentication) {
        model.addAttribute("caller", com.medcase.service.security.Caller.of(authentication));
        model.addAttribute("files", files.files());
        return "console/storage";
    }
}
