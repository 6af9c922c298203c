// The example of DESIGN.md, typed line by line, on the scripted runtime (no Docker, no AWS):
//   bin/slipway-jshell < examples/src/main/jshell/design-example.jsh
import static dev.slipway.dsl.Slipway.*;

Pipeline p = pipeline("todobackend")
    .stage("Source", git("https://github.com/docker-in-aws/todobackend.git").branch("master"))
    .stage("Build", codeBuild("todobackend")
        .image("docker-in-aws/codebuild")
        .privileged(true)
        .env("MAKEFLAGS", "-s")
        .preBuild("export APP_VERSION=$CODEBUILD_RESOLVED_SOURCE_VERSION")
        .build("make test", "make release")          // buildspec phase names: install, preBuild, build, postBuild
        .postBuild("make clean")
        .timeout(Duration.ofMinutes(30))
        .retry(3))
    .stage("Publish", dockerImage("todobackend").tag("latest").to(registry("127.0.0.1:5000")))
    .build();                                   // validates; InvalidPipelineException lists every problem

ScriptedRuntime fake = ScriptedRuntime.create().fail("make test", 2);  // every other command succeeds
PipelineResult r = fake.run(p);
r.build("Build").phase(PhaseType.POST_BUILD).status();   // SUCCEEDED: post_build still ran
fake.commands()
r.status()
/exit
