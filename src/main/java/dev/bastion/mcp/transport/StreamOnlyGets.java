package dev.bastion.mcp.transport;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A GET of {@code /mcp} that does not accept an event stream gets 405, as Streamable HTTP says
 * ("the server MUST either return Content-Type: text/event-stream ... or else return HTTP 405"),
 * not the 406 that content negotiation would answer: the GET is the only method that
 * produces a fixed media type.
 */
@Provider
public class StreamOnlyGets implements ExceptionMapper<NotAcceptableException> {

    @Override
    public Response toResponse(NotAcceptableException e) {
        return Response.status(405).header("Allow", "POST, DELETE").build();
    }
}
