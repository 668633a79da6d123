package dev.bastion.orm;

/** What a call does to a model's records; access rights are granted per operation. */
public enum Operation {
    READ, WRITE, CREATE, UNLINK
}
