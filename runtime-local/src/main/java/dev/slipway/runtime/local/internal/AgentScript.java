package dev.slipway.runtime.local.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The shell side of a build container: a small agent that is the container's main process and runs each
 * command it is sent in a child shell, so that a build costs one container and no {@code docker exec} per
 * command. Only {@code sh} and its builtins are needed, as CodeBuild needs only {@code sh} in an image.
 *
 * <p>The protocol on the agent's stdin, after a first line holding a random nonce {@code N}:
 * <pre>
 * N write|append PATH      then the file's lines, then "N ."      writes or appends a file
 * N run SHELL ENV SAVE     then the script's lines, then "N ."    runs it, answers "N rc CODE"
 * </pre>
 * A command runs as a script of its own, {@code SHELL /codebuild/output/tmp/script.sh ENV SAVE}, as on
 * CodeBuild (its errors read {@code script.sh: 2: [[: not found}): a first line sources the child prologue,
 * which sources the environment file ENV (exports and a {@code cd}) and with SAVE=1 sets a trap that writes
 * {@code export -p} and the working directory back to ENV when the script exits, whichever way. That is
 * buildspec 0.2's one shell: exports and {@code cd} carry over, yet {@code exit 1} ends only that command.
 * Version 0.1 runs with SAVE=0 from a file nothing writes back to. Output and errors of commands go to the
 * container's stdout, in order, followed by the agent's exit marker; the command cannot forge the marker
 * because it never sees the nonce (stdin of commands is {@code /dev/null}).
 */
public final class AgentScript {
    /** Where the agent keeps its files, as CodeBuild keeps {@code script.sh} there. */
    public static final String DIRECTORY = "/codebuild/output/tmp";
    public static final String CHILD = DIRECTORY + "/child.sh";
    /** The command being run, sourced by the child: errors name it as CodeBuild's do ("script.sh: 1: [[: not found"). */
    public static final String COMMAND = DIRECTORY + "/script.sh";
    /** The environment every command of a 0.1 build starts from; setVariable changes it. */
    public static final String BASE_ENV = DIRECTORY + "/env.base";
    /** The environment that carries over between commands of a 0.2 build ({@code export -p} and a {@code cd}). */
    public static final String SHELL_ENV = DIRECTORY + "/env.sh";

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern SHELL_WORD = Pattern.compile("[A-Za-z0-9_./+-]+");

    static final String AGENT = String.join("\n",
            "exec 2>&1",
            "mkdir -p " + DIRECTORY + " || exit 97",
            "IFS= read -r N || exit 0",
            "b() {",
            "  [ \"$2\" = append ] || : > \"$1\"",
            "  while IFS= read -r l; do",
            "    [ \"$l\" = \"$N .\" ] && return 0",
            "    printf '%s\\n' \"$l\" >> \"$1\"",
            "  done",
            "  exit 0",
            "}",
            "while IFS= read -r h; do",
            "  set -f; set -- $h; set +f",
            "  [ \"$1\" = \"$N\" ] || continue",
            "  case \"$2\" in",
            "    write|append) b \"$3\" \"$2\" ;;",
            "    run) b " + COMMAND + " write",
            "         \"$3\" " + COMMAND + " \"$4\" \"$5\" </dev/null",
            "         printf '%s rc %d\\n' \"$N\" \"$?\" ;;",
            "    exit) exit 0 ;;",
            "  esac",
            "done",
            "");

    static final String CHILD_SCRIPT = String.join("\n",
            "__slipway_env=$1 __slipway_save=$2",
            "shift 2",
            ". \"$__slipway_env\"",
            "if [ \"$__slipway_save\" = 1 ]; then",
            "  __slipway_quote() {",
            "    __slipway_q=\\' __slipway_e=\\'\\\\\\'\\' __slipway_r= __slipway_s=$1",
            "    while :; do",
            "      case $__slipway_s in",
            "        *$__slipway_q*) __slipway_r=$__slipway_r${__slipway_s%%$__slipway_q*}$__slipway_e; __slipway_s=${__slipway_s#*$__slipway_q} ;;",
            "        *) break ;;",
            "      esac",
            "    done",
            "    printf \"'%s%s'\" \"$__slipway_r\" \"$__slipway_s\"",
            "  }",
            "  trap '__slipway_rc=$?; { export -p; printf \"cd \"; __slipway_quote \"$PWD\"; printf \"\\n\"; } > \"$__slipway_env\"; exit $__slipway_rc' EXIT",
            "fi",
            "");

    private AgentScript() {
    }

    /** The container's entrypoint: the agent run by {@code /bin/sh}. */
    public static List<String> entrypoint() {
        return List.of("/bin/sh", "-c", AGENT);
    }

    /** The first bytes on stdin: the nonce and the child script. */
    static byte[] opening(String nonce) {
        return (nonce + "\n" + file(nonce, "write", CHILD, CHILD_SCRIPT)).getBytes(StandardCharsets.UTF_8);
    }

    static String file(String nonce, String mode, String path, String content) {
        return nonce + " " + mode + " " + word(path) + "\n" + withLineEnd(content) + nonce + " .\n";
    }

    static String run(String nonce, String shell, String envFile, boolean save, String command) {
        return nonce + " run " + word(shell) + " " + word(envFile) + " " + (save ? "1" : "0") + "\n"
                + scriptOf(command) + nonce + " .\n";
    }

    /** The script a command runs as: a line that sets the shell up, then the command as written. */
    static String scriptOf(String command) {
        return ". " + CHILD + "\n" + withLineEnd(command);
    }

    /** The exit marker the agent prints after a command. */
    static String exitMarker(String nonce) {
        return nonce + " rc ";
    }

    /** {@code export NAME='value'} for an environment file. */
    public static String exportLine(String name, String value) {
        if (!VARIABLE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a valid environment variable name");
        }
        return "export " + name + "=" + quote(value) + "\n";
    }

    /** The command that prints variables between markers, for {@link ContainerShell#readVariables}. */
    static String printVariables(String nonce, List<String> names) {
        StringBuilder s = new StringBuilder();
        for (String name : names) {
            if (!VARIABLE_NAME.matcher(name).matches()) {
                continue;
            }
            s.append("if [ -n \"${").append(name).append("+x}\" ]; then printf '%s\\n' '").append(nonce).append(" var ")
                    .append(name).append("'; printf '%s' \"$").append(name).append("\"; printf '\\n%s\\n' '")
                    .append(nonce).append(" end'; fi\n");
        }
        return s.toString();
    }

    /** POSIX single quoting: {@code it's} → {@code 'it'\''s'}. */
    public static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private static String word(String value) {
        if (!SHELL_WORD.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' cannot be passed to the build agent (a shell or path "
                    + "of letters, digits and . / _ + - is expected)");
        }
        return value;
    }

    private static String withLineEnd(String text) {
        return text.isEmpty() || text.endsWith("\n") ? text : text + "\n";
    }
}
