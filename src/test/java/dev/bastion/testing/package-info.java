/**
 * Test support: the deployment of the real WAR for Arquillian, a launcher that runs the WAR on
 * Payara Micro as its own process (for restarts and benchmarks), several of them clustered
 * behind nginx ({@code TestCluster}), and small HTTP helpers.
 */
package dev.bastion.testing;
