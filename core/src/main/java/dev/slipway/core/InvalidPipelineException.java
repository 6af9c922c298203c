package dev.slipway.core;

import java.util.List;

/**
 * A pipeline definition with problems; the message lists every one of them with its path.
 *
 * <pre>
 * pipeline 'todobackend' has 2 problems:
 *   - stage 'Build' › action 'Build' › image: must not be blank
 *   - stage 'Publish' › action 'Publish' › tags[0]: '${APP_VERSION}' uses APP_VERSION, which no earlier build exports
 * </pre>
 */
public class InvalidPipelineException extends SlipwayException {
    private final String pipelineName;
    private final List<Problem> problems;

    public InvalidPipelineException(String pipelineName, List<Problem> problems) {
        super(format(pipelineName, problems));
        this.pipelineName = pipelineName;
        this.problems = List.copyOf(problems);
    }

    private static String format(String pipelineName, List<Problem> problems) {
        StringBuilder s = new StringBuilder("pipeline '").append(pipelineName).append("' has ")
                .append(problems.size()).append(problems.size() == 1 ? " problem:" : " problems:");
        problems.forEach(p -> s.append("\n  - ").append(p));
        return s.toString();
    }

    public String pipelineName() {
        return pipelineName;
    }

    public List<Problem> problems() {
        return problems;
    }
}
