package dev.bastion.access;

/**
 * Lets requests without credentials through, as one fixed caller. The shipped WAR has no bean
 * of this type, so every request must authenticate; only test deployments (the MCP
 * conformance suite cannot send credentials) add one. Both the authentication mechanism and
 * the MCP transport honour it, and nothing else may.
 */
public interface AnonymousAccess {

    /** The login of the user anonymous requests act as. */
    String callerName();
}
