/**
 * The business-data engine: models and fields described by annotations on JPA entities
 * ({@link dev.bastion.orm.Model}, {@link dev.bastion.orm.Field}) and read once into the
 * {@link dev.bastion.orm.ModelRegistry}; Odoo domains ({@link dev.bastion.orm.Domain}) turned
 * into JPA Criteria with bound parameters only; the record service
 * ({@link dev.bastion.orm.Records}, one transaction per call, over its reads, writes,
 * read_group and defaults parts and the scope of domain plus rules they share,
 * {@link dev.bastion.orm.RecordScope}) and Odoo-style values ({@link dev.bastion.orm.Values});
 * business methods on {@link dev.bastion.orm.ModelMethods} beans.
 *
 * <p>Every operation asks the {@link dev.bastion.orm.AccessPolicy} this package defines (the
 * {@code access} package implements it; without one, everything is denied). Callers describe
 * themselves with a {@link dev.bastion.orm.CallContext}. What a caller cannot read they cannot
 * see or probe through a relation either ({@link dev.bastion.orm.Reach}, and the rules
 * {@link dev.bastion.orm.DomainQuery} applies to every related model a domain reaches).
 *
 * <p>One request's work is bounded (values per domain list and per domain, ids per read, the
 * {@code bastion.query-timeout} setting on every query). Failures leave the engine only as
 * {@link dev.bastion.orm.OrmException}s with readable messages ({@link dev.bastion.orm.EngineErrors});
 * unexpected ones carry a reference to the server log, never the exception itself.
 *
 * <p>May import: JPA, JSON-P, {@code settings}, {@code platform.cluster} (committed changes to the other nodes). Never {@code mcp.*}, {@code erp.*} or
 * {@code access}.
 */
package dev.bastion.orm;
