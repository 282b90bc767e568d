//! Sign-in and lookup limits live in the database, so that every node counts against the same
//! budget: three nodes behind a load balancer must not triple what an attacker may try.
//! `rate_limit_hits` counts attempts per bucket (an address, an account) in fixed windows;
//! `sign_in_failures` keeps each account's failures from one place, for the backoff.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RateLimitHits::Table)
                    .col(string_len(RateLimitHits::Bucket, 400))
                    .col(big_integer(RateLimitHits::WindowStart))
                    .col(integer(RateLimitHits::Hits))
                    .primary_key(
                        Index::create()
                            .col(RateLimitHits::Bucket)
                            .col(RateLimitHits::WindowStart),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SignInFailures::Table)
                    .col(string_len(SignInFailures::Account, 320))
                    .col(string_len(SignInFailures::Place, 64))
                    .col(integer(SignInFailures::Failures))
                    .col(timestamp_with_time_zone(SignInFailures::LastFailedAt))
                    .primary_key(
                        Index::create()
                            .col(SignInFailures::Account)
                            .col(SignInFailures::Place),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SignInFailures::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(RateLimitHits::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum RateLimitHits {
    Table,
    Bucket,
    WindowStart,
    Hits,
}

#[derive(DeriveIden)]
enum SignInFailures {
    Table,
    Account,
    Place,
    Failures,
    LastFailedAt,
}
