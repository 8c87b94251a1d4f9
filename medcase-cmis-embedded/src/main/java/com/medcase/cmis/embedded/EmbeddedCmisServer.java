package com.medcase.cmis.embedded;

import org.apache.chemistry.opencmis.inmemory.ConfigConstants;
import org.apache.chemistry.opencmis.server.impl.CmisRepositoryContextListener;
import org.apache.chemistry.opencmis.server.impl.browser.CmisBrowserBindingServlet;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

import javax.servlet.DispatcherType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts the embedded repository on 127.0.0.1 and prints {@code MEDCASE-CMIS-READY port=N} when it
 * accepts requests. Arguments (key=value): {@code port} (0 = any free port), {@code users} (the users
 * file), {@code service-user} (the account MedCase itself uses; the only one allowed to change ACLs),
 * {@code parent-pid} (optional: the process to stop with).
 * Browser binding at {@code http://127.0.0.1:N/cmis/browser}, repository id {@code medcase}.
 */
public final class EmbeddedCmisServer implements AutoCloseable {

    public static final String READY_LINE = "MEDCASE-CMIS-READY port=";
    public static final String REPOSITORY_ID = "medcase";

    private final Server server;

    private EmbeddedCmisServer(Server server) {
        this.server = server;
    }

    public static EmbeddedCmisServer start(int port, Path usersFile, String serviceUser) throws Exception {
        UserDirectory users = UserDirectory.load(usersFile);
        if (!users.users().contains(serviceUser)) {
            throw new IllegalArgumentException("The service user '" + serviceUser + "' is not in " + usersFile);
        }
        Map<String, String> parameters = new HashMap<>();
        parameters.put(ConfigConstants.REPOSITORY_ID, REPOSITORY_ID);
        parameters.put(ConfigConstants.TYPE_CREATOR_CLASS, MedCaseTypeCreator.class.getName());
        parameters.put(ConfigConstants.TEMP_DIR, Files.createTempDirectory("medcase-cmis").toString());
        parameters.put(ConfigConstants.MAX_CONTENT_SIZE, Long.toString(512L * 1024 * 1024));
        MedCaseServiceFactory factory = new MedCaseServiceFactory(serviceUser);
        factory.init(parameters);

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/cmis");
        context.setAttribute(CmisRepositoryContextListener.SERVICES_FACTORY, factory);
        context.addFilter(new FilterHolder(new BasicAuthenticationFilter(users)), "/*", EnumSet.of(DispatcherType.REQUEST));
        ServletHolder browser = new ServletHolder("cmisbrowser", new CmisBrowserBindingServlet());
        browser.setInitParameter("callContextHandler", "org.apache.chemistry.opencmis.server.shared.BasicAuthCallContextHandler");
        browser.setInitParameter("cmisVersion", "1.1");
        context.addServlet(browser, "/browser/*");
        server.setHandler(context);
        server.setStopAtShutdown(true);
        server.start();
        return new EmbeddedCmisServer(server);
    }

    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("Arguments are key=value (port, users, service-user); got '" + arg + "'");
            }
            options.put(arg.substring(0, eq).replaceFirst("^--", ""), arg.substring(eq + 1));
        }
        String usersFile = options.get("users");
        if (usersFile == null || !options.containsKey("service-user")) {
            System.err.println("usage: java -jar medcase-cmis-embedded.jar port=0 users=/path/users.properties service-user=NAME");
            System.exit(2);
        }
        EmbeddedCmisServer server = start(Integer.parseInt(options.getOrDefault("port", "0")), Path.of(usersFile), options.get("service-user"));
        // The repository lives only as long as the service that started it: if that process dies
        // (even by SIGKILL, when it cannot stop us), stop too rather than linger with its users.
        if (options.containsKey("parent-pid")) {
            long parent = Long.parseLong(options.get("parent-pid"));
            ProcessHandle.of(parent).ifPresentOrElse(
                    handle -> handle.onExit().thenRun(() -> {
                        System.err.println("MedCase embedded repository: parent process " + parent + " ended; stopping");
                        Runtime.getRuntime().halt(0);
                    }),
                    () -> Runtime.getRuntime().halt(0));
        }
        System.out.println(READY_LINE + server.port());
        System.out.flush();
        server.server.join();
    }
}
