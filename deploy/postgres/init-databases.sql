-- One database per service, created when the PostgreSQL volume is first initialised.
create database orgunit;
create database submission;
create database ranking;
