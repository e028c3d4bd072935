import { Stack } from 'aws-cdk-lib';
import { CfnDataSource, type CfnDataSourceProps, type IGraphqlApi } from 'aws-cdk-lib/aws-appsync';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { TaskboardTable } from './table';

/**
 * The DynamoDB actions APPSYNC_JS resolvers use (GetItem, PutItem, UpdateItem, DeleteItem, Query,
 * BatchGetItem, and TransactWriteItems, which IAM authorizes as the Put/Update/Delete/
 * ConditionCheck of each item). Never Scan, BatchWriteItem, table management or streams.
 */
export const RESOLVER_TABLE_ACTIONS = [
  'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem',
  'dynamodb:Query', 'dynamodb:BatchGetItem',
];

export interface TaskboardDataSourcesProps<L extends string> {
  api: IGraphqlApi;
  table: TaskboardTable;
  /** Lambda data sources by data-source name; each may invoke only its own function. */
  lambdas: Record<L, IFunction>;
}

/**
 * AppSync data sources, each with a role of its own written statement by statement. (The L2
 * helpers grant more: `grantReadWriteData` on the table, `lambda:InvokeFunction` on `<fn>:*`.)
 */
export class TaskboardDataSources<L extends string> extends Construct {
  /** Data-source names (as `Fn::GetAtt … Name`, so every resolver depends on its data source). */
  readonly names: Record<'table' | 'none' | L, string>;

  constructor(scope: Construct, id: string, props: TaskboardDataSourcesProps<L>) {
    super(scope, id);
    const { api } = props;

    const table = this.dataSource('Table', 'TableDataSource', api, 'AMAZON_DYNAMODB', (role) => {
      role.addToPolicy(new PolicyStatement({ actions: RESOLVER_TABLE_ACTIONS, resources: props.table.resolverArns }));
      return { dynamoDbConfig: { tableName: props.table.table.tableName, awsRegion: Stack.of(this).region } };
    });
    // No role: a NONE data source reaches nothing (local logic, subscription triggers).
    const none = new CfnDataSource(this, 'None', { apiId: api.apiId, name: 'NoneDataSource', type: 'NONE' });

    const lambdaNames = {} as Record<L, string>;
    for (const [name, fn] of Object.entries(props.lambdas) as Array<[L, IFunction]>) {
      const pascal = `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
      const ds = this.dataSource(pascal, `${pascal}DataSource`, api, 'AWS_LAMBDA', (role) => {
        // The unqualified ARN is what AppSync invokes; no versions or aliases.
        role.addToPolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [fn.functionArn] }));
        return { lambdaConfig: { lambdaFunctionArn: fn.functionArn } };
      });
      lambdaNames[name] = ds.attrName;
    }

    this.names = { table: table.attrName, none: none.attrName, ...lambdaNames };
  }

  private dataSource(
    id: string, name: string, api: IGraphqlApi, type: string,
    configure: (role: Role) => Pick<CfnDataSourceProps, 'dynamoDbConfig' | 'lambdaConfig'>,
  ): CfnDataSource {
    const role = new Role(this, `${id}Role`, {
      assumedBy: new ServicePrincipal('appsync.amazonaws.com'),
      description: `AppSync data source ${name}`,
    });
    const config = configure(role);
    const ds = new CfnDataSource(this, id, { apiId: api.apiId, name, type, serviceRoleArn: role.roleArn, ...config });
    // Resolvers must not run before the role's policy exists.
    ds.node.addDependency(role);
    return ds;
  }
}
