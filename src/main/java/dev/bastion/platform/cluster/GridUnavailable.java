package dev.bastion.platform.cluster;

/** The data grid did not answer (a partition, a member leaving, a timeout). */
public class GridUnavailable extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GridUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
