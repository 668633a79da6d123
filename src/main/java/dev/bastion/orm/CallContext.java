package dev.bastion.orm;

import java.time.ZoneId;
import java.util.List;

/**
 * Who calls the data engine and how: the user, the companies the call may see, the time zone
 * datetimes are read and written in, the language, and whether archived records are included.
 * Immutable; per-call overrides derive a new one.
 *
 * @param uid                the user's id
 * @param login              the user's login
 * @param companyId          the current company
 * @param allowedCompanyIds  the companies this call may see (a subset of the user's)
 * @param tz                 the caller's time zone
 * @param lang               the caller's language (passed through)
 * @param activeTest         true to hide archived records ({@code active = false})
 */
public record CallContext(long uid, String login, long companyId, List<Long> allowedCompanyIds, ZoneId tz,
                          String lang, boolean activeTest) {

    public CallContext {
        allowedCompanyIds = List.copyOf(allowedCompanyIds);
    }

    public CallContext withTz(ZoneId zone) {
        return new CallContext(uid, login, companyId, allowedCompanyIds, zone, lang, activeTest);
    }

    public CallContext withLang(String language) {
        return new CallContext(uid, login, companyId, allowedCompanyIds, tz, language, activeTest);
    }

    public CallContext withActiveTest(boolean test) {
        return new CallContext(uid, login, companyId, allowedCompanyIds, tz, lang, test);
    }

    /**
     * Narrows the visible companies to {@code ids}, which must all be allowed already.
     *
     * @throws AccessDenied naming the first company that is not
     */
    public CallContext withAllowedCompanies(List<Long> ids) {
        for (Long id : ids) {
            if (!allowedCompanyIds.contains(id)) {
                throw new AccessDenied("company " + id + " is not among your companies");
            }
        }
        long current = ids.isEmpty() || ids.contains(companyId) ? companyId : ids.get(0);
        return new CallContext(uid, login, current, ids, tz, lang, activeTest);
    }
}
