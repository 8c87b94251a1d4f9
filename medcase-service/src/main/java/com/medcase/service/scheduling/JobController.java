package com.medcase.service.scheduling;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.ResponseStatus;

import java.util.List;
import java.util.Map;

/** The scheduled jobs for administrators: {@code /api/admin/jobs} and the console page {@code /console/jobs}. */
@Controller
class JobController {

    private final JobStatus status;

    JobController(JobStatus status) {
        this.status = status;
    }

    @GetMapping("/api/admin/jobs")
    @ResponseBody
    List<JobStatus.View> jobs() {
        return status.all();
    }

    @GetMapping("/api/admin/jobs/{name}")
    @ResponseBody
    JobStatus.View job(@PathVariable String name) {
        return status.get(name);
    }

    /** Fires a job now on one node of the cluster; the run shows in the job's status when it is done. */
    @PostMapping("/api/admin/jobs/{name}/run")
    @ResponseBody
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, String> runNow(@PathVariable String name) {
        status.runNow(name);
        return Map.of("job", name, "status", "fired");
    }

    @GetMapping("/console/jobs")
    String page(Model model, Authentication authentication) {
        model.addAttribute("caller", com.medcase.service.security.Caller.of(authentication));
        model.addAttribute("jobs", status.all());
        return "console/jobs";
    }

    @PostMapping("/console/jobs/{name}/run")
    String runFromConsole(@PathVariable String name) {
        status.runNow(name);
        return "redirect:/console/jobs";
    }
}
