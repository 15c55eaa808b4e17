# The MailRouting web app. Used by docker-compose.yml; the build machines here have no Docker engine.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/MailRouting.Web -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
# The image's own non-root account ($APP_UID) runs the app and owns /app, where the embedded database and the logs go.
COPY --from=build --chown=$APP_UID:$APP_UID /app .
USER $APP_UID
ENV ASPNETCORE_URLS=http://0.0.0.0:8080
EXPOSE 8080
# The runtime image has no curl or wget: the app checks its own health.
HEALTHCHECK --interval=10s --retries=5 CMD ["dotnet", "/app/MailRouting.Web.dll", "--health-check", "http://localhost:8080/healthz"]
ENTRYPOINT ["dotnet", "MailRouting.Web.dll"]
