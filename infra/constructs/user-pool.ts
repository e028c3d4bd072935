import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery, FeaturePlan, Mfa, UserPool, UserPoolClient, UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ADMINS_GROUP } from '../../resolvers/lib/roles';

/** Cognito user pool that authorizes Taskboard's users, its app client, and the admins group. */
export class TaskboardUserPool extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: true,
      // The email address is the username; `sub` (not the email) identifies users everywhere else.
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      // A changed email is used for sign-in only once the user has verified it.
      keepOriginal: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 12, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge(
      {
        id: 'AwsSolutions-COG2',
        reason: 'MFA is optional (TOTP offered to every user, SMS off): requiring it at sign-up would block onboarding of invited collaborators.',
      },
      {
        id: 'AwsSolutions-COG8',
        reason: 'Essentials feature plan: Plus (threat protection, adaptive authentication) is billed per monthly active user, a production cost decision rather than a default for every stage.',
      },
    );
    // Public clients (web, mobile): no secret. SRP for Amplify's default sign-in; USER_PASSWORD_AUTH
    // for clients and tools that cannot do SRP (and for the local Cognito emulator).
    this.client = this.userPool.addClient('AppClient', {
      authFlows: { userSrp: true, userPassword: true },
      generateSecret: false,
      // No hosted UI: without this CDK enables OAuth flows with an example.com callback.
      disableOAuth: true,
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });
    new UserPoolGroup(this, 'AdminsGroup', {
      userPool: this.userPool,
      groupName: ADMINS_GROUP,
      description: 'Support staff: may read any board.',
    });
  }
}
