import { Duration, Validations } from 'aws-cdk-lib';
import type { GraphqlApi } from 'aws-cdk-lib/aws-appsync';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { TaskboardFunction } from './functions';
import type { TaskboardTable } from './table';

export interface ActivityStreamProps {
  table: TaskboardTable;
  api: GraphqlApi;
  functionsDir: string;
}

/** `arn:…:apis/<id>/types/<Type>/fields/<field>`: what `appsync:GraphQL` is granted on, field by field. */
export function graphqlFieldArn(api: GraphqlApi, typeName: string, fieldName: string): string {
  return `${api.arn}/types/${typeName}/fields/${fieldName}`;
}

/**
 * The table's stream → the activityStream function → publishActivity (IAM), so `onActivity`
 * subscribers see task, comment, member and board changes live. Failed batches are retried,
 * bisected, and finally recorded in a queue instead of blocking the stream.
 */
export class TaskboardActivityStream extends Construct {
  readonly handler: TaskboardFunction;
  readonly failedBatches: Queue;

  constructor(scope: Construct, id: string, props: ActivityStreamProps) {
    super(scope, id);
    const { table } = props;
    // What Lambda sends when it gives up on a batch: the batch's shard and sequence numbers, for a replay by hand.
    this.failedBatches = new Queue(this, 'FailedBatches', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.failedBatches).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue IS the dead-letter destination (the stream mapping\'s on-failure destination); a DLQ of a DLQ would only move the same records again.',
    });

    this.handler = new TaskboardFunction(this, 'Handler', {
      name: 'activityStream',
      description: 'Turns task, comment, member and board changes from the table\'s stream into activity (publishActivity over IAM); deletes a deleted task\'s comments',
      functionsDir: props.functionsDir,
      environment: { TABLE_NAME: table.table.tableName, GRAPHQL_URL: props.api.graphqlUrl },
      timeout: Duration.minutes(1),
      otherWildcard: 'dynamodb:ListStreams, which the stream mapping needs and which supports none either (the stream itself is granted on its ARN only)',
      statements: [
        // Is the board live (not being deleted)? One GetItem of its meta.
        new PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [table.table.tableArn] }),
        // A deleted task's comments: a Query of their partition and BatchWriteItem deletions.
        new PolicyStatement({ actions: ['dynamodb:Query', 'dynamodb:BatchWriteItem'], resources: [table.table.tableArn] }),
        // The one mutation it calls.
        new PolicyStatement({ actions: ['appsync:GraphQL'], resources: [graphqlFieldArn(props.api, 'Mutation', 'publishActivity')] }),
      ],
    });

    this.handler.fn.addEventSource(new DynamoEventSource(table.table, {
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: 100,
      maxBatchingWindow: Duration.seconds(1),
      // A failing record: split the batch to isolate it, retry a few times, then record and move on.
      bisectBatchOnError: true,
      retryAttempts: 3,
      maxRecordAge: Duration.days(1),
      reportBatchItemFailures: true,
      onFailure: new SqsDlq(this.failedBatches),
      // One batch at a time per shard: a board's changes are published in the order they happened.
      parallelizationFactor: 1,
    }));
  }
}
