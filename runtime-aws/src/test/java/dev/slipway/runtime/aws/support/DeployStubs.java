package dev.slipway.runtime.aws.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.slipway.runtime.aws.support.AwsStub.Answer.error;
import static dev.slipway.runtime.aws.support.AwsStub.Answer.ok;
import static dev.slipway.runtime.aws.support.AwsStub.Answer.xml;

/**
 * An empty account on WireMock: STS says who we are, IAM, ECR and CodeBuild know nothing yet and accept what is
 * created. Enough for {@code runBuild}'s deploy of a build's project, its role and its image repository.
 */
public final class DeployStubs {
    public static final String CREATE_PROJECT = "CodeBuild_20161006.CreateProject";
    public static final String BATCH_GET_PROJECTS = "CodeBuild_20161006.BatchGetProjects";
    public static final String START_BUILD = "CodeBuild_20161006.StartBuild";
    private static final String IAM = "https://iam.amazonaws.com/doc/2010-05-08/";
    private static final String ECR = "AmazonEC2ContainerRegistry_V20150921.";

    private DeployStubs() {
    }

    public static void emptyAccount(AwsStub aws) {
        aws.on("Query.GetCallerIdentity", body -> xml(200, "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                        + "<GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/dev</Arn><UserId>AIDAEXAMPLE</UserId>"
                        + "<Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId>"
                        + "</ResponseMetadata></GetCallerIdentityResponse>"))
                .on("Query.GetRole", body -> xml(404, "<ErrorResponse xmlns=\"" + IAM + "\"><Error><Type>Sender</Type><Code>NoSuchEntity</Code>"
                        + "<Message>The role with name " + param(body, "RoleName") + " cannot be found.</Message></Error><RequestId>2</RequestId>"
                        + "</ErrorResponse>"))
                .on("Query.CreateRole", body -> xml(200, "<CreateRoleResponse xmlns=\"" + IAM + "\"><CreateRoleResult><Role><Path>/</Path>"
                        + "<RoleName>" + param(body, "RoleName") + "</RoleName><RoleId>AROAEXAMPLE</RoleId><Arn>arn:aws:iam::123456789012:role/"
                        + param(body, "RoleName") + "</Arn><CreateDate>2026-03-02T09:00:00Z</CreateDate></Role></CreateRoleResult>"
                        + "<ResponseMetadata><RequestId>3</RequestId></ResponseMetadata></CreateRoleResponse>"))
                .on("Query.PutRolePolicy", body -> xml(200, "<PutRolePolicyResponse xmlns=\"" + IAM + "\"><ResponseMetadata><RequestId>4"
                        + "</RequestId></ResponseMetadata></PutRolePolicyResponse>"))
                .on(ECR + "DescribeRepositories", body -> error(400, "RepositoryNotFoundException",
                        "The repository does not exist in the registry with id '123456789012'"))
                .on(ECR + "CreateRepository", body -> ok("{\"repository\":{\"repositoryName\":\"r\",\"registryId\":\"123456789012\"}}"))
                .on(ECR + "SetRepositoryPolicy", body -> ok("{\"repositoryName\":\"r\",\"registryId\":\"123456789012\",\"policyText\":\"{}\"}"))
                .on(BATCH_GET_PROJECTS, body -> ok("{\"projects\":[],\"projectsNotFound\":[]}"))
                .on(CREATE_PROJECT, body -> ok("{\"project\":{\"name\":\"p\"}}"));
    }

    private static String param(String body, String name) {
        Matcher m = Pattern.compile("(?:^|&)" + name + "=([^&]*)").matcher(body);
        return m.find() ? java.net.URLDecoder.decode(m.group(1), java.nio.charset.StandardCharsets.UTF_8) : "";
    }
}
