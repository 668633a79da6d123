/**
 * A test-only model whose every query runs for as long as the database lets it ({@code test.slow},
 * a view over a cross join of three 100,000-row series: 10^15 rows), readable by every internal
 * user, so that tests can make the query timeout fire and cancel a query that is running.
 */
package dev.bastion.orm.slow;
