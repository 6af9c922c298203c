package dev.slipway.dsl;

import dev.slipway.core.Action;

/**
 * Something that becomes an action of a stage: {@code git(...)}, {@code localPath(...)},
 * {@code codeBuild(...)}, {@code dockerImage(...)}. Builders are immutable — every method returns a new
 * builder — so one can be kept and varied safely. They need no {@code build()} call of their own: the
 * pipeline builds them.
 */
public abstract class ActionBuilder {

    ActionBuilder() {
    }

    /** The action name given with {@code name(...)}, or null for the default. */
    abstract String explicitName();

    /** The name used when none is given and the stage holds several actions. */
    abstract String defaultName();

    abstract Action toAction(String name, Wiring wiring);
}
