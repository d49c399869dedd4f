namespace EdcKg.Neo4j;
