package io.openwaba.shared;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This node's name in lease columns ({@code claimed_by}): host name and process id. */
public final class NodeName {

    private static final String CURRENT = hostName() + ":" + ProcessHandle.current().pid();

    private NodeName() {
    }

    public static String current() {
        return CURRENT;
    }

    private static String hostName() {
        try {
            var name = InetAddress.getLocalHost().getHostName();
            return name.length() > 40 ? name.substring(0, 40) : name;
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
