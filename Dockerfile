# Build and run CommandCenter. Point it at PostgreSQL with COMMANDCENTER_DB_URL.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -ntp dependency:go-offline
COPY src src
COPY migrations migrations
COPY rules rules
COPY simulation simulation
RUN mvn -B -ntp -DskipTests package

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/target/commandcenter-*.jar /app/commandcenter.jar
COPY rules rules
COPY simulation simulation
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/commandcenter.jar"]
