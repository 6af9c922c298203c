package dev.slipway.runtime.aws.support;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/** Every AWS call an SDK client makes, as {@code service:Operation}; mutating ones are all but reads. */
public final class CallLog implements ExecutionInterceptor {
    private static final Pattern READ = Pattern.compile("(Get|List|Describe|BatchGet|Head)[A-Za-z]*");
    private final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        calls.add(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + ":"
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }

    public List<String> all() {
        return List.copyOf(calls);
    }

    public List<String> mutating() {
        return calls.stream().filter(c -> !READ.matcher(c.substring(c.indexOf(':') + 1)).matches()).toList();
    }

    public void clear() {
        calls.clear();
    }
}
