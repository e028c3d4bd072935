import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { INDEX, TTL_ATTRIBUTE } from '../../resolvers/lib/keys';

/** The single Taskboard table (docs/data-model.md): board collections, users, comments, activity. */
export class TaskboardTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const key = (name: string) => ({ name, type: AttributeType.STRING });
    this.table = new Table(this, 'Table', {
      partitionKey: key('pk'),
      sortKey: key('sk'),
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.AWS_MANAGED,
      // The activity function consumes changes with both images (what changed, and from what).
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      // Boards are user data: never dropped by a stack update or deletion.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.table.addLocalSecondaryIndex({ indexName: INDEX.boardOrder, sortKey: key('lsi1sk') });
    this.table.addGlobalSecondaryIndex({ indexName: INDEX.userBoards, partitionKey: key('gsi1pk'), sortKey: key('gsi1sk') });
    this.table.addGlobalSecondaryIndex({ indexName: INDEX.assigneeTasks, partitionKey: key('gsi2pk'), sortKey: key('gsi2sk') });
    // Sparse (open, dated tasks only) and narrow: the overdue digest needs these attributes, no more.
    this.table.addGlobalSecondaryIndex({
      indexName: INDEX.openDueTasks, partitionKey: key('gsi3pk'), sortKey: key('gsi3sk'),
      projectionType: ProjectionType.INCLUDE, nonKeyAttributes: ['id', 'boardId', 'title', 'assigneeId', 'dueDate', 'status'],
    });
  }

  /** ARNs of the table and of the indexes the resolvers query by name (no wildcard), for their role. */
  get resolverArns(): string[] {
    const queried = [INDEX.boardOrder, INDEX.userBoards, INDEX.assigneeTasks];
    return [this.table.tableArn, ...queried.map((index) => this.indexArn(index))];
  }

  indexArn(indexName: string): string {
    return `${this.table.tableArn}/index/${indexName}`;
  }
}
